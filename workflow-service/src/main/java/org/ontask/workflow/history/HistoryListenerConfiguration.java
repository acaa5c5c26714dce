package org.ontask.workflow.history;

import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;

/**
 * The history's listener takes the raw message (no conversion to a class: it records
 * events of any type, and needs the exchange and routing key it arrived with), on the
 * service's usual container factory, so retries and dead letters work as for every other
 * listener.
 */
@Configuration(proxyBeanMethods = false)
class HistoryListenerConfiguration implements RabbitListenerConfigurer {

	private final HistoryRecorder recorder;

	private final String[] queues;

	HistoryListenerConfiguration(HistoryRecorder recorder, @Qualifier("historyQueues") String[] queues) {
		this.recorder = recorder;
		this.queues = queues;
	}

	@Override
	public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
		SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
		endpoint.setId("workflow-history");
		endpoint.setQueueNames(this.queues);
		endpoint.setMessageListener(this.recorder::on);
		registrar.registerEndpoint(endpoint);
	}

}
