package org.ontask.action.importing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the import section (upload, ready-made surveys) to the actions page (view
 * {@code actions}), whose controller belongs to the {@code action} package.
 */
@Configuration(proxyBeanMethods = false)
class ImportSectionInterceptor implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView page) {
				if (page != null && "actions".equals(page.getViewName())) {
					page.addObject("catalogue", SurveyCatalogue.ENTRIES);
				}
			}
		}).addPathPatterns("/workflows/*/actions");
	}

}
