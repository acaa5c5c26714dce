package org.ontask.action.action;

import org.ontask.action.dataops.DataView;
import org.ontask.action.dataops.DataopsViews;

import org.springframework.stereotype.Service;

/**
 * Creates actions from a workflow's views: the new action's filter is the view's filter
 * (a copy: later changes of the view do not change the action), checked against the table
 * like any filter.
 */
@Service
public class ActionsFromViews {

	private final ActionService actions;

	private final DataopsViews views;

	ActionsFromViews(ActionService actions, DataopsViews views) {
		this.actions = actions;
		this.views = views;
	}

	/**
	 * Creates an action with a view's filter.
	 * @param workflowId the workflow
	 * @param email the user
	 * @param request the action and the view
	 * @return the new action
	 * @throws InvalidActionException when no view is named or the workflow has no such
	 * view
	 */
	public ActionResponse create(long workflowId, String email, CreateFromViewRequest request) {
		// the workflow must be open to the user before anything is asked of dataops
		this.actions.workflowName(workflowId, email);
		if (request.viewId() == null) {
			throw new InvalidActionException("view", "Choose the view whose learners the action is for.");
		}
		DataView view = this.views.find(workflowId, request.viewId())
			.orElseThrow(
					() -> new InvalidActionException("view", "This workflow has no view " + request.viewId() + "."));
		return this.actions.create(workflowId, email, new CreateActionRequest(request.name(), request.type(),
				request.description(), null, null, view.filter(), null));
	}

}
