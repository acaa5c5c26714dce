package org.ontask.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class InternalCallFilterTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final InternalCallSignature signature = new InternalCallSignature("s3cret-shared-by-services",
			Duration.ofSeconds(60));

	private final InternalCallFilter filter = new InternalCallFilter(this.signature, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void signedCallActsForTheNamedUser() throws Exception {
		MockHttpServletRequest request = signed("GET", "/internal/workflows/7/rows", "page=1", "ann@uni.edu",
				NOW.getEpochSecond());
		AtomicReference<Authentication> seen = new AtomicReference<>();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
		}, (req, res, chain) -> seen.set(SecurityContextHolder.getContext().getAuthentication())));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(seen.get().getName()).isEqualTo("ann@uni.edu");
		assertThat(seen.get().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_INTERNAL");
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void refusesUnsignedCall() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/internal/workflows/7/rows");
		MockHttpServletResponse response = run(request);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).contains("must name its caller");
	}

	@Test
	void refusesCallForAnotherUserThanSigned() throws Exception {
		MockHttpServletRequest request = signed("GET", "/internal/workflows/7/rows", null, "ann@uni.edu",
				NOW.getEpochSecond());
		request.removeHeader(InternalCallSignature.ACTING_USER);
		request.addHeader(InternalCallSignature.ACTING_USER, "bob@uni.edu");
		assertThat(run(request).getContentAsString()).contains("signature is wrong");
	}

	@Test
	void refusesCallToAnotherPathThanSigned() throws Exception {
		MockHttpServletRequest request = signed("GET", "/internal/workflows/7/rows", null, "ann@uni.edu",
				NOW.getEpochSecond());
		request.setRequestURI("/internal/workflows/8/rows");
		assertThat(run(request).getStatus()).isEqualTo(401);
	}

	@Test
	void refusesStaleCall() throws Exception {
		MockHttpServletRequest request = signed("POST", "/internal/x", null, "ann@uni.edu", NOW.getEpochSecond() - 61);
		assertThat(run(request).getContentAsString()).contains("outside the accepted window");
	}

	@Test
	void refusesCallSignedWithAnotherSecret() throws Exception {
		InternalCallSignature other = new InternalCallSignature("another-secret", Duration.ofSeconds(60));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/internal/x");
		request.addHeader(InternalCallSignature.CALLER, "action-service");
		request.addHeader(InternalCallSignature.ACTING_USER, "ann@uni.edu");
		request.addHeader(InternalCallSignature.TIMESTAMP, Long.toString(NOW.getEpochSecond()));
		request.addHeader(InternalCallSignature.SIGNATURE,
				other.sign("GET", "/internal/x", "action-service", "ann@uni.edu", NOW.getEpochSecond()));
		assertThat(run(request).getStatus()).isEqualTo(401);
	}

	@Test
	void refusesEverythingWithoutASecret() throws Exception {
		InternalCallFilter unconfigured = new InternalCallFilter(null, Clock.fixed(NOW, ZoneOffset.UTC));
		MockHttpServletRequest request = signed("GET", "/internal/x", null, "ann@uni.edu", NOW.getEpochSecond());
		MockHttpServletResponse response = new MockHttpServletResponse();
		unconfigured.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).contains("ONTASK_INTERNAL_SECRET");
	}

	@Test
	void leavesOtherPathsAlone() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/internalise");
		assertThat(run(request).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private MockHttpServletRequest signed(String method, String path, String query, String user, long epochSecond) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setQueryString(query);
		String pathAndQuery = (query != null) ? path + "?" + query : path;
		request.addHeader(InternalCallSignature.CALLER, "action-service");
		request.addHeader(InternalCallSignature.ACTING_USER, user);
		request.addHeader(InternalCallSignature.TIMESTAMP, Long.toString(epochSecond));
		request.addHeader(InternalCallSignature.SIGNATURE,
				this.signature.sign(method, pathAndQuery, "action-service", user, epochSecond));
		return request;
	}

}
