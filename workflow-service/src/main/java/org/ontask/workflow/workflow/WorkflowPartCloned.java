package org.ontask.workflow.workflow;

/**
 * This service's copy of the answer a data-holding service sends on its own exchange
 * ({@code <short>.events}, key {@code workflow.part-cloned}) once it has copied, or
 * failed to copy, its part of a clone.
 *
 * @param cloneWorkflowId the clone
 * @param service the answering application
 * @param succeeded whether its part was copied
 * @param message why not, when it failed
 */
record WorkflowPartCloned(long cloneWorkflowId, String service, boolean succeeded, String message) {

}
