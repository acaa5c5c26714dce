package org.ontask.auth.lti;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.auth.login.LocalRedirect;
import org.ontask.auth.login.SessionSignIn;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code POST /lti/launch} (and {@code /lti_entry}, the original's address, for existing
 * LMS configurations): verifies the launch, finds or creates the user by
 * {@code lis_person_contact_email_primary}, signs them in with a new session, keeps the
 * launch context in the session and sends them to the launch target
 * ({@code custom_ontask_target}, a path of this site) or home.
 */
@Controller
class LtiLaunchController {

	private static final Logger log = LoggerFactory.getLogger(LtiLaunchController.class);

	/** Launch context kept in the session, as strings like every shared attribute. */
	static final String CONTEXT_ID = "ontask.lti.context-id";

	static final String CONTEXT_TITLE = "ontask.lti.context-title";

	static final String RESOURCE_LINK_ID = "ontask.lti.resource-link-id";

	static final String ROLES = "ontask.lti.roles";

	private final LtiLaunchVerifier verifier;

	private final LtiProperties properties;

	private final UserAccountService accounts;

	LtiLaunchController(LtiLaunchVerifier verifier, LtiProperties properties, UserAccountService accounts) {
		this.verifier = verifier;
		this.properties = properties;
		this.accounts = accounts;
	}

	@PostMapping({ "/lti/launch", "/lti_entry" })
	String launch(HttpServletRequest request, HttpServletResponse response, Model model) {
		Map<String, String> launch = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> launch.put(name, (values.length > 0) ? values[0] : ""));
		try {
			this.verifier.verify(launch, launchUrl(request));
			String email = launch.get("lis_person_contact_email_primary");
			if (email == null || email.isBlank() || !email.contains("@")) {
				throw new LaunchRefusedException(
						"The launch does not say who you are (no email). Ask the course site to share your email with OnTask.");
			}
			UserAccount account = this.accounts.vouchedFor(email, launch.get("lis_person_name_full"),
					isInstructor(launch.get("roles")) ? Role.INSTRUCTOR : Role.LEARNER);
			if (!account.isActive()) {
				throw new LaunchRefusedException("Your OnTask account is deactivated.");
			}
			String target = LocalRedirect.orHome(launch.get("custom_ontask_target"));
			signIn(account, launch, target, request, response);
			return "redirect:" + target;
		}
		catch (LaunchRefusedException ex) {
			log.warn("LTI launch refused: {}", ex.getMessage());
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			model.addAttribute("reason", ex.getMessage());
			return "lti-refused";
		}
	}

	private void signIn(UserAccount account, Map<String, String> launch, String target, HttpServletRequest request,
			HttpServletResponse response) {
		HttpSession session = SessionSignIn.signIn(account, request, response);
		session.setAttribute(CONTEXT_ID, launch.getOrDefault("context_id", ""));
		session.setAttribute(CONTEXT_TITLE, launch.getOrDefault("context_title", ""));
		session.setAttribute(RESOURCE_LINK_ID, launch.getOrDefault("resource_link_id", ""));
		session.setAttribute(ROLES, launch.getOrDefault("roles", ""));
		// the page the launch lands on may be shown in the LMS's frame
		session.setAttribute(OnTaskSession.LAUNCH_LANDING, target);
	}

	private boolean isInstructor(String roles) {
		if (roles == null) {
			return false;
		}
		for (String role : roles.split(",")) {
			for (String instructorRole : this.properties.instructorRoles()) {
				if (role.strip().equalsIgnoreCase(instructorRole)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The URL the LMS signed: the configured public address, else the request's own. */
	private String launchUrl(HttpServletRequest request) {
		String base = this.properties.baseUrl().strip();
		if (!base.isEmpty()) {
			return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + request.getRequestURI();
		}
		return request.getRequestURL().toString();
	}

}
