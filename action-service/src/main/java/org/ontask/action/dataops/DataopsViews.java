package org.ontask.action.dataops;

import java.util.List;
import java.util.Optional;

import org.ontask.platform.internal.InternalCalls;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * A workflow's views from dataops-service (signed, as the signed-in user, through the
 * circuit breaker {@code dataops-service}), so that an action can be created from one and
 * an email report can send some as CSV attachments.
 */
@Component
public class DataopsViews {

	private final InternalCalls calls;

	private final CircuitBreaker breaker;

	private volatile DataopsViewApi api;

	DataopsViews(InternalCalls calls, CircuitBreakerFactory<?, ?> breakers) {
		this.calls = calls;
		this.breaker = breakers.create("dataops-service");
	}

	/**
	 * The views of a workflow, by name.
	 * @param workflowId the workflow
	 * @return its views; empty when it has none or dataops cannot be reached (the views
	 * are an offer, not a need)
	 */
	public List<DataView> list(long workflowId) {
		try {
			return all(workflowId);
		}
		catch (DataopsUnavailableException ex) {
			return List.of();
		}
	}

	/**
	 * The views of a workflow, by name, when it matters that they could not be listed (an
	 * empty list means the workflow has none).
	 * @param workflowId the workflow
	 * @return its views
	 * @throws DataopsUnavailableException when dataops cannot be reached
	 */
	public List<DataView> all(long workflowId) {
		Object answer = call(() -> api().views(workflowId));
		return (answer instanceof List<?> views) ? views.stream().map(DataView.class::cast).toList() : List.of();
	}

	/**
	 * One view of a workflow.
	 * @param workflowId the workflow
	 * @param viewId the view
	 * @return the view, empty when the workflow has no such view
	 * @throws DataopsUnavailableException when dataops cannot be reached
	 */
	public Optional<DataView> find(long workflowId, long viewId) {
		Object answer = call(() -> api().view(workflowId, viewId));
		if (answer instanceof HttpClientErrorException refusal) {
			if (refusal.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return Optional.empty();
			}
			throw new DataopsRefusedException(refusal.getStatusCode(), "The learner table refused the request.");
		}
		return Optional.ofNullable((DataView) answer);
	}

	private Object call(java.util.function.Supplier<Object> request) {
		return this.breaker.run(() -> {
			try {
				return request.get();
			}
			catch (HttpClientErrorException ex) {
				return ex;
			}
		}, (failure) -> {
			throw new DataopsUnavailableException(failure);
		});
	}

	private DataopsViewApi api() {
		DataopsViewApi current = this.api;
		if (current == null) {
			current = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(this.calls.client("dataops-service")))
				.build()
				.createClient(DataopsViewApi.class);
			this.api = current;
		}
		return current;
	}

}
