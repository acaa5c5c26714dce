package org.ontask.dataops.store;

import org.ontask.workflowaccess.WorkflowDataLifecycle;

import org.springframework.stereotype.Component;

/**
 * What dataops does when a workflow is cloned, deleted or flushed: copy the table and its
 * columns, or drop them. Each step is idempotent (workflow-access may deliver an event
 * twice).
 */
@Component
class TableLifecycle implements WorkflowDataLifecycle {

	private final TableStore store;

	TableLifecycle(TableStore store) {
		this.store = store;
	}

	@Override
	public void copy(long sourceWorkflowId, long cloneWorkflowId) {
		this.store.copyTable(sourceWorkflowId, cloneWorkflowId);
	}

	@Override
	public void delete(long workflowId) {
		this.store.dropTable(workflowId);
	}

	@Override
	public void flush(long workflowId) {
		this.store.dropTable(workflowId);
	}

}
