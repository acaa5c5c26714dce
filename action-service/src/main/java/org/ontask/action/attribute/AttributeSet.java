package org.ontask.action.attribute;

import java.time.Instant;

/**
 * workflow-service set an attribute of a workflow (this service's copy of the event).
 *
 * @param workflowId the workflow
 * @param name the attribute
 * @param value its value
 * @param actorEmail who set it
 * @param at when
 */
record AttributeSet(long workflowId, String name, String value, String actorEmail, Instant at) {

}
