package org.ontask.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web settings of a service, prefix {@code ontask.web}.
 *
 * @param publicPaths request patterns this service serves without a signed-in user (the
 * login page, LTI launch endpoints, learner pages with their own checks)
 * @param loginPage where a browser without a session is sent
 */
@ConfigurationProperties("ontask.web")
public record WebProperties(@DefaultValue List<String> publicPaths, @DefaultValue("/login") String loginPage) {

}
