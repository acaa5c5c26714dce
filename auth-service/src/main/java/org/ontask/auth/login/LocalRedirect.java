package org.ontask.auth.login;

/**
 * Where a user may be sent after signing in: only a path of this site, never another host
 * (an open redirect would let a link to our login page forward to a phishing page).
 */
public final class LocalRedirect {

	private LocalRedirect() {
	}

	/**
	 * The target when it is a path of this site, else the home page.
	 * @param next the requested target
	 * @return a safe target
	 */
	public static String orHome(String next) {
		if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
				|| next.contains("\r") || next.contains("\n") || next.startsWith("/login")
				|| next.startsWith("/logout")) {
			return "/";
		}
		return next;
	}

}
