package org.ontask.deploymentcheck;

/**
 * One app of the system: a module of the root pom that is repackaged by the
 * spring-boot-maven-plugin and listens on a {@code server.port}. Its name is the module
 * name, which must also be the compose service and the Kubernetes Deployment and Service.
 *
 * @param name the module name
 * @param port the {@code server.port} of its {@code application.yml}
 * @param usesConfigServer whether it imports its configuration from config-server
 */
public record App(String name, int port, boolean usesConfigServer) {

}
