package org.ontask.workflowaccess;

/**
 * What a service holding workflow-scoped data does when workflow-service clones, deletes
 * or flushes a workflow. A service registers one bean of this type; workflow-access calls
 * it from its listeners inside the listener's transaction and reports the outcome of a
 * clone back to workflow-service. Every method must be idempotent: an event may arrive
 * twice.
 */
public interface WorkflowDataLifecycle {

	/**
	 * Copies this service's data of one workflow to a new workflow.
	 * @param sourceWorkflowId the workflow being cloned
	 * @param cloneWorkflowId the new workflow (already recorded as known, owned by the
	 * cloner)
	 */
	void copy(long sourceWorkflowId, long cloneWorkflowId);

	/**
	 * Removes everything this service holds for a workflow.
	 * @param workflowId the deleted workflow
	 */
	void delete(long workflowId);

	/**
	 * Removes the workflow's data but keeps the workflow (the original's "flush").
	 * @param workflowId the flushed workflow
	 */
	void flush(long workflowId);

}
