package org.ontask.scheduler.workflow;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Records workflows as workflow-service announces them and answers whether a user may
 * open one.
 */
@Service
public class KnownWorkflowService {

	private final KnownWorkflowRepository workflows;

	KnownWorkflowService(KnownWorkflowRepository workflows) {
		this.workflows = workflows;
	}

	@RabbitListener(queues = "#{messagingNames.queue('scheduler-service', 'workflow.events', 'workflow.created')}")
	@Transactional
	void on(WorkflowCreated event) {
		this.workflows.insertIfAbsent(event.workflowId(), event.name(), event.ownerEmail(), event.createdAt());
	}

	/**
	 * The name of a workflow the user may open.
	 * @param workflowId the workflow
	 * @param userEmail the user
	 * @return the workflow's name
	 * @throws ResponseStatusException 404 when the user may not open it or it is unknown
	 */
	@Transactional(readOnly = true)
	public String nameOfWorkflowOpenTo(long workflowId, String userEmail) {
		return this.workflows.findByIdAndOwnerEmail(workflowId, userEmail)
			.map(KnownWorkflow::getName)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no workflow " + workflowId + " that you can open."));
	}

}
