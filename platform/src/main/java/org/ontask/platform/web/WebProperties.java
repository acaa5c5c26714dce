package org.ontask.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web settings of a service, prefix {@code ontask.web}.
 *
 * @param publicPaths request patterns this service serves without a signed-in user (the
 * login page, LTI launch endpoints, learner pages with their own checks)
 * @param loginPage where a browser without a session is sent
 * @param apiTokenKeyPrefix the Redis key prefix under which auth-service mirrors each
 * active API token (by the SHA-256 of the token); every service reads it to verify
 * {@code Authorization: Bearer} on {@code /api/**}
 * @param frameAncestors the LMS sites that may show launch pages in a frame, separated by
 * commas or spaces (e.g. {@code https://lms.example.edu}); blank: no page may be framed
 * by another site
 * @param framedPaths request patterns that are launch pages (the LTI launch endpoints);
 * with the page a launch lands on, they are the only pages {@link #frameAncestors} may
 * frame
 */
@ConfigurationProperties("ontask.web")
public record WebProperties(@DefaultValue List<String> publicPaths, @DefaultValue("/login") String loginPage,
		@DefaultValue("ontask:auth:token:") String apiTokenKeyPrefix, @DefaultValue("") String frameAncestors,
		@DefaultValue List<String> framedPaths) {

	/**
	 * A CSP source expression: no spaces, separators or quotes that could add directives.
	 */
	private static final Pattern SOURCE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s;,'\"]+|[^\\s;,'\"]+");

	public WebProperties {
		for (String ancestor : ancestors(frameAncestors)) {
			if (!SOURCE.matcher(ancestor).matches() || ancestor.startsWith("'")) {
				throw new IllegalArgumentException("ontask.web.frame-ancestors (ONTASK_LTI_FRAME_ANCESTORS): \""
						+ ancestor + "\" is not a site such as https://lms.example.edu");
			}
		}
	}

	/**
	 * The configured frame ancestors, one per element.
	 * @return the sites, possibly none
	 */
	public List<String> frameAncestorList() {
		return ancestors(this.frameAncestors);
	}

	private static List<String> ancestors(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.strip().split("[,\\s]+")).filter((s) -> !s.isEmpty()).toList();
	}

}
