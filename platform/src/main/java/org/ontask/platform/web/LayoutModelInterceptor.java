package org.ontask.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Puts the {@link PageContext} into the model of every page, so the navigation bar knows
 * the signed-in user and the open workflow whichever service renders it. It runs after
 * the controller, so a page that opens a workflow already shows it.
 */
class LayoutModelInterceptor implements HandlerInterceptor {

	@Override
	public void postHandle(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
			Object handler, ModelAndView page) {
		if (page != null && page.getViewName() != null && !page.getViewName().startsWith("redirect:")) {
			page.addObject("ontask", current(request));
		}
	}

	static PageContext current(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return new PageContext(false, null, null, false, false, null, null);
		}
		boolean admin = hasRole(auth, "ROLE_ADMIN");
		boolean instructor = admin || hasRole(auth, "ROLE_INSTRUCTOR");
		HttpSession session = request.getSession(false);
		String name = (session != null) ? (String) session.getAttribute(OnTaskSession.DISPLAY_NAME) : null;
		String workflowId = (session != null) ? (String) session.getAttribute(OnTaskSession.WORKFLOW_ID) : null;
		String workflowName = (session != null) ? (String) session.getAttribute(OnTaskSession.WORKFLOW_NAME) : null;
		return new PageContext(true, (name != null && !name.isBlank()) ? name : auth.getName(), auth.getName(), admin,
				instructor, workflowId, workflowName);
	}

	private static boolean hasRole(Authentication auth, String role) {
		for (GrantedAuthority authority : auth.getAuthorities()) {
			if (role.equals(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

}
