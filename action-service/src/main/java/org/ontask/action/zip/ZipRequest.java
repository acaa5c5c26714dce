package org.ontask.action.zip;

import java.util.List;

/**
 * What a ZIP export needs.
 *
 * @param keyColumn the column whose value starts each file name (for Moodle, the
 * participant column with values like {@code Participant 123})
 * @param nameColumn an optional second column in the file name (for Moodle, the full
 * name); blank for none
 * @param suffix the end of each file name, {@code feedback.html} when blank
 * @param moodle whether to name files as Moodle's feedback-file upload expects
 * @param exclude values of the key column to leave out
 */
public record ZipRequest(String keyColumn, String nameColumn, String suffix, boolean moodle, List<String> exclude) {

}
