/**
 * The actions of a workflow: their list and pages.
 */
package org.ontask.action.action;
