package org.ontask.action.dataops;

import java.util.List;
import java.util.function.Supplier;

import org.ontask.platform.internal.InternalCalls;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Changes to a workflow's table through dataops-service's internal API (contract C3), as
 * the signed-in user or the one named with {@link InternalCalls#actingAs}, through the
 * same circuit breaker {@code dataops-service} as {@link DataopsClient}. A refusal (4xx)
 * becomes {@link DataopsRefusedException} with dataops' message; a failure becomes
 * {@link DataopsUnavailableException}.
 */
@Component
public class DataopsWrites {

	private final InternalCalls calls;

	private final CircuitBreaker breaker;

	private volatile DataopsWriteApi api;

	DataopsWrites(InternalCalls calls, CircuitBreakerFactory<?, ?> breakers) {
		this.calls = calls;
		this.breaker = breakers.create("dataops-service");
	}

	/**
	 * Adds columns to a workflow's table.
	 * @param workflowId the workflow
	 * @param columns the columns to add
	 * @return the table's columns afterwards
	 */
	public List<DataColumn> addColumns(long workflowId, List<NewColumns.Column> columns) {
		return call(() -> api().addColumns(workflowId, new NewColumns(columns)));
	}

	/**
	 * Adds 1 to a learner's integer cell.
	 * @param workflowId the workflow
	 * @param increment which learner and column
	 * @return how many rows were changed
	 */
	public long increment(long workflowId, Increment increment) {
		Increment.Result result = call(() -> api().increment(workflowId, increment));
		return (result != null) ? result.updated() : 0;
	}

	private <T> T call(Supplier<T> request) {
		Object answer = this.breaker.run(() -> {
			try {
				return request.get();
			}
			catch (HttpClientErrorException ex) {
				// dataops' answer, not a failure of the service
				return ex;
			}
		}, (failure) -> {
			throw new DataopsUnavailableException(failure);
		});
		if (answer instanceof HttpClientErrorException refusal) {
			throw refused(refusal);
		}
		@SuppressWarnings("unchecked")
		T value = (T) answer;
		return value;
	}

	private static DataopsRefusedException refused(HttpClientErrorException ex) {
		String detail = null;
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			detail = (problem != null) ? problem.getDetail() : null;
		}
		catch (RuntimeException ignored) {
			// not a Problem Detail: the status says enough
		}
		return new DataopsRefusedException(ex.getStatusCode(),
				(detail != null && !detail.isBlank()) ? detail : "The learner table refused the change.");
	}

	private DataopsWriteApi api() {
		DataopsWriteApi current = this.api;
		if (current == null) {
			current = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(this.calls.client("dataops-service")))
				.build()
				.createClient(DataopsWriteApi.class);
			this.api = current;
		}
		return current;
	}

}
