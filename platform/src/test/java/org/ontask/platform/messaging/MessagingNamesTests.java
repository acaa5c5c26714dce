package org.ontask.platform.messaging;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingNamesTests {

	@Test
	void namesFollowTheHouseConvention() {
		MessagingNames names = new MessagingNames("");
		assertThat(names.exchange("workflow.events")).isEqualTo("workflow.events");
		assertThat(names.queue("dataops-service", "workflow.events", "workflow.created"))
			.isEqualTo("dataops-service.workflow.workflow.created");
	}

	@Test
	void productionSubscriptionsAreDurableWithADeadLetterQueue() {
		var declarables = new MessagingNames("").subscription("action-service", "workflow.events", "workflow.created");
		assertThat(declarables.getDeclarablesByType(TopicExchange.class)).singleElement()
			.satisfies((exchange) -> assertThat(exchange.isDurable()).isTrue());
		assertThat(declarables.getDeclarablesByType(Queue.class)).extracting(Queue::getName)
			.containsExactly("action-service.workflow.workflow.created",
					"action-service.workflow.workflow.created.dlq");
		assertThat(declarables.getDeclarablesByType(Queue.class)).allMatch(Queue::isDurable)
			.noneMatch(Queue::isExclusive);
	}

	@Test
	void aTestRunsNamesArePrefixedAndItsQueuesDieWithItsConnection() {
		MessagingNames names = new MessagingNames("t123.");
		var declarables = names.subscription("action-service", "workflow.events", "workflow.created");
		assertThat(declarables.getDeclarables()).hasSize(4);
		assertThat(declarables.getDeclarablesByType(TopicExchange.class)).extracting(TopicExchange::getName)
			.containsExactly("t123.workflow.events");
		assertThat(declarables.getDeclarablesByType(Queue.class)).allMatch(Queue::isExclusive)
			.allMatch((queue) -> queue.getName().startsWith("t123."));
		assertThat(declarables.getDeclarables()).allMatch(Declarable::shouldDeclare);
	}

}
