package org.ontask.action.attribute;

import java.time.Instant;

/**
 * workflow-service removed an attribute of a workflow (this service's copy of the event).
 *
 * @param workflowId the workflow
 * @param name the attribute
 * @param actorEmail who removed it
 * @param at when
 */
record AttributeRemoved(long workflowId, String name, String actorEmail, Instant at) {

}
