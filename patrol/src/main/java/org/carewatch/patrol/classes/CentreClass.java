package org.carewatch.patrol.classes;

import org.carewatch.core.errors.InvalidInputException;

/** A class (班) of a centre: its age group, how many children are enrolled and how many carers are on duty. */
public record CentreClass(long id, long centreId, String name, AgeGroup ageGroup, int enrolled, int carers, int version) {

    /** The body of a create (name and ageGroup required) or update ({@code version} required; absent fields kept). */
    public record Input(String name, AgeGroup ageGroup, Integer enrolled, Integer carers, Integer version) {
        public void validate(boolean create) {
            if (create) {
                if (name == null) {
                    throw new InvalidInputException("name", "is required");
                }
                if (ageGroup == null) {
                    throw new InvalidInputException("ageGroup", "is required: under_12_months, 12_24_months, 24_36_months or mixed");
                }
            } else if (version == null) {
                throw new InvalidInputException("version", "is required: send the version you read");
            }
            if (name != null && (name.isBlank() || name.length() > 100)) {
                throw new InvalidInputException("name", "must be 1-100 characters");
            }
            if (enrolled != null && (enrolled < 0 || enrolled > 200)) {
                throw new InvalidInputException("enrolled", "must be between 0 and 200");
            }
            if (carers != null && (carers < 0 || carers > 50)) {
                throw new InvalidInputException("carers", "must be between 0 and 50");
            }
        }
    }
}
