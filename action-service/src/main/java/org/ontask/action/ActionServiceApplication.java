package org.ontask.action;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.util.ClassUtils;

/**
 * Actions: personalised messages, learner pages and surveys, and their delivery.
 */
@SpringBootApplication
public class ActionServiceApplication {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	static {
		// Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader for every
		// part of
		// every message it builds or writes (jakartaee/mail-api#699, #861). In a Boot jar
		// that
		// lookup walks every nested jar each time: about a third of a run's CPU. Naming
		// the
		// provider (the one the ServiceLoader would find) makes it a cached class lookup.
		if (System.getProperty(STREAM_PROVIDER) == null
				&& ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, ActionServiceApplication.class.getClassLoader())) {
			System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(ActionServiceApplication.class, args);
	}

}
