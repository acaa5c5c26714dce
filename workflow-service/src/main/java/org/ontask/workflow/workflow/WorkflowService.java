package org.ontask.workflow.workflow;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and finds workflows for a user.
 */
@Service
public class WorkflowService {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_DESCRIPTION_LENGTH = 2000;

	private final WorkflowRepository workflows;

	private final ApplicationEventPublisher events;

	WorkflowService(WorkflowRepository workflows, ApplicationEventPublisher events) {
		this.workflows = workflows;
		this.events = events;
	}

	/**
	 * The workflows a user can open.
	 * @param userEmail the user
	 * @return their workflows by name
	 */
	@Transactional(readOnly = true)
	public List<WorkflowResponse> visibleTo(String userEmail) {
		return this.workflows.findByOwnerEmailOrderByNameAsc(userEmail).stream().map(WorkflowResponse::of).toList();
	}

	/**
	 * One workflow, if the user may open it.
	 * @param id the workflow id
	 * @param userEmail the user
	 * @return the workflow
	 * @throws WorkflowNotFoundException when there is none the user may open
	 */
	@Transactional(readOnly = true)
	public WorkflowResponse open(long id, String userEmail) {
		return this.workflows.findByIdAndOwnerEmail(id, userEmail)
			.map(WorkflowResponse::of)
			.orElseThrow(() -> new WorkflowNotFoundException(id));
	}

	/**
	 * Creates a workflow owned by the user and announces it.
	 * @param request name and description
	 * @param ownerEmail the owner
	 * @return the new workflow
	 * @throws InvalidWorkflowException when the name is missing, too long or taken
	 */
	@Transactional
	public WorkflowResponse create(CreateWorkflowRequest request, String ownerEmail) {
		String name = (request.name() != null) ? request.name().strip() : "";
		String description = (request.description() != null) ? request.description().strip() : "";
		if (name.isEmpty()) {
			throw new InvalidWorkflowException("name", "A workflow needs a name.");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new InvalidWorkflowException("name",
					"A workflow name can have at most " + MAX_NAME_LENGTH + " characters.");
		}
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			throw new InvalidWorkflowException("description",
					"A description can have at most " + MAX_DESCRIPTION_LENGTH + " characters.");
		}
		if (this.workflows.existsByOwnerEmailAndName(ownerEmail, name)) {
			throw nameTaken(name);
		}
		Workflow workflow;
		try {
			workflow = this.workflows.saveAndFlush(new Workflow(ownerEmail, name, description));
		}
		catch (DataIntegrityViolationException ex) {
			// another request created the same name between the check and the insert
			throw nameTaken(name);
		}
		this.events.publishEvent(
				new WorkflowCreated(workflow.getId(), workflow.getName(), ownerEmail, workflow.getCreatedAt()));
		return WorkflowResponse.of(workflow);
	}

	private static InvalidWorkflowException nameTaken(String name) {
		return new InvalidWorkflowException("name", "You already have a workflow called \"" + name + "\".");
	}

}
