package org.ontask.action.dataops;

import java.util.List;
import java.util.function.Supplier;

import org.ontask.platform.internal.InternalCalls;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Calls dataops-service's internal API for a workflow's table (contract C3): its columns,
 * selections and writes, as the signed-in user (or the user named with
 * {@link InternalCalls#actingAs}), through the circuit breaker {@code dataops-service}. A
 * refusal by dataops (4xx) is its answer and does not count against the circuit; a
 * failure or timeout does, and becomes {@link DataopsUnavailableException}.
 */
@Component
public class DataopsClient {

	private final InternalCalls calls;

	private final CircuitBreaker breaker;

	private volatile DataopsApi api;

	DataopsClient(InternalCalls calls, CircuitBreakerFactory<?, ?> breakers) {
		this.calls = calls;
		this.breaker = breakers.create("dataops-service");
	}

	/**
	 * The columns of a workflow's table.
	 * @param workflowId the workflow
	 * @return its columns in table order; empty when it has no table yet
	 */
	public List<DataColumn> columns(long workflowId) {
		Answer<List<DataColumn>> answer = call(() -> api().columns(workflowId));
		if (answer.refusal() != null) {
			if (answer.refusal().getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return List.of();
			}
			throw refused(answer.refusal());
		}
		return (answer.value() != null) ? answer.value() : List.of();
	}

	/**
	 * Selects learners.
	 * @param workflowId the workflow
	 * @param request what to select and compute
	 * @return the selection
	 */
	public Selection selection(long workflowId, SelectionRequest request) {
		Answer<Selection> answer = call(() -> api().selection(workflowId, request));
		if (answer.refusal() != null) {
			throw refused(answer.refusal());
		}
		return answer.value();
	}

	/**
	 * Writes some cells of one row, type-checked by dataops (survey answers).
	 * @param workflowId the workflow
	 * @param rowId the row, as a selection returned it
	 * @param values new value by column name; text is parsed by the column's type, null
	 * empties the cell
	 * @throws DataopsRefusedException with dataops' message when a value does not fit
	 */
	public void updateRow(long workflowId, long rowId, java.util.Map<String, Object> values) {
		Answer<Boolean> answer = call(() -> {
			api().updateRow(workflowId, rowId, new RowChange(values));
			return Boolean.TRUE;
		});
		if (answer.refusal() != null) {
			throw refused(answer.refusal());
		}
	}

	/**
	 * Adds columns to a workflow's table, all or none; a column that exists with the same
	 * type is reused.
	 * @param workflowId the workflow
	 * @param columns the columns
	 * @return the table's columns afterwards
	 * @throws DataopsRefusedException with dataops' message (409 for a name with another
	 * type, 404 without a table)
	 */
	public List<DataColumn> addColumns(long workflowId, List<NewColumns.Column> columns) {
		Answer<List<DataColumn>> answer = call(() -> api().addColumns(workflowId, new NewColumns(columns)));
		if (answer.refusal() != null) {
			throw refused(answer.refusal());
		}
		return (answer.value() != null) ? answer.value() : List.of();
	}

	/**
	 * Adds 1 to a learner's integer cell.
	 * @param workflowId the workflow
	 * @param increment which learner and column
	 * @return how many rows were changed
	 * @throws DataopsRefusedException with dataops' message
	 */
	public long increment(long workflowId, Increment increment) {
		Answer<Increment.Result> answer = call(() -> api().increment(workflowId, increment));
		if (answer.refusal() != null) {
			throw refused(answer.refusal());
		}
		return (answer.value() != null) ? answer.value().updated() : 0;
	}

	private <T> Answer<T> call(Supplier<T> request) {
		return this.breaker.run(() -> {
			try {
				return new Answer<T>(request.get(), null);
			}
			catch (HttpClientErrorException ex) {
				return new Answer<T>(null, ex);
			}
		}, (failure) -> {
			throw new DataopsUnavailableException(failure);
		});
	}

	private static DataopsRefusedException refused(HttpClientErrorException ex) {
		String detail = null;
		try {
			var problem = ex.getResponseBodyAs(org.springframework.http.ProblemDetail.class);
			detail = (problem != null) ? problem.getDetail() : null;
		}
		catch (RuntimeException ignored) {
			// not a Problem Detail: the status says enough
		}
		return new DataopsRefusedException(ex.getStatusCode(),
				(detail != null && !detail.isBlank()) ? detail : "The learner table refused the request.");
	}

	private DataopsApi api() {
		DataopsApi current = this.api;
		if (current == null) {
			current = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(this.calls.client("dataops-service")))
				.build()
				.createClient(DataopsApi.class);
			this.api = current;
		}
		return current;
	}

	private record Answer<T>(T value, HttpClientErrorException refusal) {
	}

}
