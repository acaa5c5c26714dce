package org.ontask.action.serve;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.dataops.DataColumn;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the learner page section to the action page (view {@code action}), whose
 * controller belongs to the {@code action} package and knows nothing of learner pages.
 * The action page has already checked access and loaded the columns; this reads only the
 * action's own learner page data.
 */
@Configuration(proxyBeanMethods = false)
class LearnerSectionInterceptor implements WebMvcConfigurer {

	private final ServeService serve;

	LearnerSectionInterceptor(ServeService serve) {
		this.serve = serve;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView page) {
				if (page == null || !"action".equals(page.getViewName())) {
					return;
				}
				Object action = page.getModel().get("action");
				Object columns = page.getModel().get("columns");
				Authentication user = SecurityContextHolder.getContext().getAuthentication();
				if (action instanceof ActionResponse shown && columns instanceof List<?> list && user != null) {
					@SuppressWarnings("unchecked")
					List<DataColumn> dataColumns = (List<DataColumn>) list;
					LearnerSectionModel.add(page::addObject, LearnerSectionInterceptor.this.serve, shown, dataColumns,
							user.getName());
				}
			}
		}).addPathPatterns("/workflows/*/actions/*", "/workflows/*/actions/*/**");
	}

}
