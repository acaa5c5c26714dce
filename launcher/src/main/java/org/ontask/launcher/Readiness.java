package org.ontask.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks an app whether it is ready, through its readiness probe.
 */
final class Readiness {

	/** What an app answered. */
	enum State {

		/** The probe answered 200. */
		UP,

		/** The app answered, but not ready yet (or not healthy any more). */
		DOWN,

		/** Nothing answered on the port. */
		UNREACHABLE

	}

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	State check(int port) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(3))
			.GET()
			.build();
		try {
			int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status == 200) ? State.UP : State.DOWN;
		}
		catch (IOException ex) {
			return State.UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return State.UNREACHABLE;
		}
	}

}
