package org.ontask.workflowaccess;

/**
 * The answer of a data-holding service to {@code workflow.clone-requested}, sent on its
 * own exchange {@code <short>.events} with key {@code workflow.part-cloned}.
 *
 * @param cloneWorkflowId the clone
 * @param service the answering application, e.g. {@code action-service}
 * @param succeeded whether its part was copied
 * @param message why not, when it failed; null otherwise
 */
record WorkflowPartCloned(long cloneWorkflowId, String service, boolean succeeded, String message) {

}
