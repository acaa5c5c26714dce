package org.ontask.launcher;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The servers the apps need, each replaced by an embedded one unless the environment
 * names an external one.
 */
enum InfrastructureComponent {

	POSTGRES("ONTASK_DB_URL"),

	REDIS("ONTASK_REDIS_URL"),

	AMQP("ONTASK_AMQP_URL"),

	SMTP("ONTASK_SMTP_HOST");

	private final String externalVariable;

	InfrastructureComponent(String externalVariable) {
		this.externalVariable = externalVariable;
	}

	/** The variable that, when set, names an external server to use instead. */
	String externalVariable() {
		return this.externalVariable;
	}

	String argument() {
		return name().toLowerCase(Locale.ROOT);
	}

	static InfrastructureComponent fromArgument(String argument) {
		try {
			return valueOf(argument.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new LauncherException("Unknown server '" + argument + "'; expected postgres, redis, amqp or smtp.",
					LauncherException.USAGE);
		}
	}

	/** The components no external server is configured for. */
	static Set<InfrastructureComponent> embeddedNeeded(Map<String, String> environment) {
		Set<InfrastructureComponent> needed = EnumSet.noneOf(InfrastructureComponent.class);
		for (InfrastructureComponent component : values()) {
			String value = environment.get(component.externalVariable);
			if (value == null || value.isBlank()) {
				needed.add(component);
			}
		}
		return needed;
	}

}
