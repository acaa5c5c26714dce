/**
 * Browser and API plumbing shared by the servlet services: security, session, layout and
 * error rendering.
 */
package org.ontask.platform.web;
