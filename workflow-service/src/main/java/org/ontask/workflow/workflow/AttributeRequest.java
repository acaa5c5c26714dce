package org.ontask.workflow.workflow;

/**
 * The value of an attribute.
 *
 * @param value the value (empty when null)
 * @param version the version the change is based on (or the {@code If-Match} header)
 */
public record AttributeRequest(String value, Long version) {

}
