package org.ontask.workflow.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ontask.platform.internal.InternalCalls;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The column names of a workflow's table, asked of dataops-service's signed internal API
 * through the circuit breaker {@code dataops-service}, so that an attribute never takes a
 * column's name (the two share one namespace in messages and conditions).
 */
@Component
class DataopsColumns {

	static final String UNAVAILABLE = "Can't check the table's column names right now, so the attribute was not "
			+ "saved (an attribute may not have a column's name). Please try again in a moment.";

	private final InternalCalls calls;

	private final CircuitBreaker breaker;

	DataopsColumns(InternalCalls calls, CircuitBreakerFactory<?, ?> breakers) {
		this.calls = calls;
		this.breaker = breakers.create("dataops-service");
	}

	/**
	 * Refuses an attribute name that a column of the workflow's table has, in any case.
	 * @param workflowId the workflow
	 * @param actingUser the user the call acts for
	 * @param attribute the attribute's name
	 * @throws InvalidWorkflowException when a column has that name, or (503) when the
	 * columns cannot be read (424: platform shows no reason for a 5xx, and this one must
	 * be read)
	 */
	void requireNoColumnNamed(long workflowId, String actingUser, String attribute) {
		String wanted = attribute.toLowerCase(Locale.ROOT);
		Optional<String> clash = columns(workflowId, actingUser).stream()
			.map(Column::name)
			.filter((name) -> name != null && name.toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst();
		if (clash.isPresent()) {
			throw new InvalidWorkflowException("name",
					"The table has a column called \"" + clash.get() + "\"; an attribute cannot have a column's name.");
		}
	}

	private List<Column> columns(long workflowId, String actingUser) {
		// the user is captured here: the breaker may run the call on another thread
		List<Column> columns = this.breaker.run(() -> InternalCalls.actingAs(actingUser, () -> {
			try {
				return this.calls.client("dataops-service")
					.get()
					.uri("/internal/workflows/{id}/columns", workflowId)
					.retrieve()
					.body(new ParameterizedTypeReference<List<Column>>() {
					});
			}
			catch (HttpClientErrorException ex) {
				if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
					// no table yet: no columns to clash with
					return List.of();
				}
				throw ex;
			}
		}), (failure) -> {
			throw new InvalidWorkflowException(HttpStatus.FAILED_DEPENDENCY, "name", UNAVAILABLE);
		});
		return (columns != null) ? columns : List.of();
	}

	/** One column as dataops describes it; only the name matters here. */
	record Column(String name, String type, boolean key, List<Object> categories) {
	}

}
