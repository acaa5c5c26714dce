package org.ontask.dataops.view;

import org.ontask.workflowaccess.WorkflowDataLifecycle;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * dataops' answer to workflow clones, deletions and flushes: the store's table lifecycle
 * plus the views. Primary, so workflow-access calls this one; the table's own lifecycle
 * bean stays as it is. Deleting or flushing the table removes the views with it (foreign
 * key {@code ON DELETE CASCADE}); a clone copies them after the table, in the same
 * transaction.
 */
@Component
@Primary
class ViewLifecycle implements WorkflowDataLifecycle {

	private final WorkflowDataLifecycle table;

	private final ViewService views;

	ViewLifecycle(@Qualifier("tableLifecycle") WorkflowDataLifecycle table, ViewService views) {
		this.table = table;
		this.views = views;
	}

	@Override
	public void copy(long sourceWorkflowId, long cloneWorkflowId) {
		this.table.copy(sourceWorkflowId, cloneWorkflowId);
		this.views.copyAll(sourceWorkflowId, cloneWorkflowId);
	}

	@Override
	public void delete(long workflowId) {
		this.table.delete(workflowId);
	}

	@Override
	public void flush(long workflowId) {
		this.table.flush(workflowId);
	}

}
