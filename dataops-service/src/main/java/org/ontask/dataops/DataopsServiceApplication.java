package org.ontask.dataops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The learner table of each workflow: its data, columns and views.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DataopsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(DataopsServiceApplication.class, args);
	}

}
