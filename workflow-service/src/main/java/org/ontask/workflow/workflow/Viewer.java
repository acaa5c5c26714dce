package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is asking: their email and whether they are an administrator (who sees every
 * workflow but gains no owner rights by it, except transferring ownership).
 *
 * @param email the user's email
 * @param admin whether they have the ADMIN role
 */
public record Viewer(String email, boolean admin) {

	/**
	 * The viewer behind a request.
	 * @param user the authentication
	 * @return the viewer
	 */
	public static Viewer of(Authentication user) {
		boolean admin = user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
		return new Viewer(user.getName(), admin);
	}

	/**
	 * Whether the user works with workflows (instructors and administrators).
	 * @param user the authentication
	 * @return true for instructors and administrators
	 */
	public static boolean isInstructor(Authentication user) {
		return user.getAuthorities()
			.stream()
			.anyMatch((a) -> "ROLE_INSTRUCTOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
	}

	/**
	 * The viewer behind a request that only instructors may make.
	 * @param user the authentication
	 * @return the viewer
	 * @throws ResponseStatusException 403 for learners
	 */
	public static Viewer instructor(Authentication user) {
		if (!isInstructor(user)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only instructors work with workflows.");
		}
		return of(user);
	}

}
