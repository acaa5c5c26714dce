package org.ontask.action.config;

import org.ontask.action.template.MessageTemplates;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one template engine of the service, used by the editor, preview and runs alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionProperties.class)
class TemplateConfiguration {

	@Bean
	MessageTemplates messageTemplates(ActionProperties properties) {
		return new MessageTemplates(properties.maxMessageChars(), properties.maxRenderTime());
	}

}
