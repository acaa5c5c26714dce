/**
 * The deployment drift check: docker-compose.yml and k8s/ against the apps' names, ports
 * and {@code ONTASK_*} variables, with the tools operators use (docker-compose, kubectl
 * kustomize) and the Kubernetes schemas (npm kubernetes-models), all offline.
 */
package org.ontask.deploymentcheck;
