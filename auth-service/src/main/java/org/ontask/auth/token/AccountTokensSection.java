package org.ontask.auth.token;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the user's API tokens to the account page, whichever controller renders it, so the
 * page's tokens section needs nothing from the account feature.
 */
@Configuration(proxyBeanMethods = false)
class AccountTokensSection implements WebMvcConfigurer {

	private final ApiTokenService tokens;

	AccountTokensSection(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView page) {
				Principal user = request.getUserPrincipal();
				if (page != null && "account".equals(page.getViewName()) && user != null) {
					page.addObject("apiTokens", AccountTokensSection.this.tokens.list(user.getName()));
					page.addObject("apiTokenRevoked", request.getParameter("tokenRevoked") != null);
					page.addObject("apiTokenMaxName", ApiTokenService.MAX_NAME);
				}
			}
		}).addPathPatterns("/account", "/account/**");
	}

}
