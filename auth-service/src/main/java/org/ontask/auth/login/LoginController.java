package org.ontask.auth.login;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. A failed attempt says only that the email or password is wrong, never
 * which, so the page does not tell who has an account.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String next, @RequestParam(required = false) String error,
			@RequestParam(required = false) String logout, @RequestParam(required = false) String locked,
			@RequestParam(required = false) String wait, Authentication authentication, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:" + LocalRedirect.orHome(next);
		}
		model.addAttribute("next", LocalRedirect.orHome(next));
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("locked", locked != null);
		model.addAttribute("mustWait", wait != null);
		return "login";
	}

}
