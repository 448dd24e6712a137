package com.opulenthorizons.gateway.person;

import java.util.UUID;

import com.opulenthorizons.gateway.common.Description;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Whom get_person shows: by OHID, or by email or phone as ingest normalises them; exactly one. */
public record GetPersonRequest(
        @Description("The person's OHID") UUID ohid,
        @Description("Email address, matched case-insensitively") @Email @Size(max = 320) String email,
        @Description("Phone number, international (+44...) or national in the server's default region") @Size(max = 40) String phone,
        @Description("The next_cursor of the previous answer, for the next page of events") @Size(max = 200) String cursor,
        @Description("Events per page, 1 to 100; 20 when left out") @Min(1) @Max(100) Integer limit) {

    public static final int DEFAULT_LIMIT = 20;

    public GetPersonRequest {
        email = email == null || email.isBlank() ? null : email.trim();
        phone = phone == null || phone.isBlank() ? null : phone.trim();
    }

    @AssertTrue(message = "exactly one of ohid, email or phone is required")
    public boolean isOneKey() {
        return (ohid != null ? 1 : 0) + (email != null ? 1 : 0) + (phone != null ? 1 : 0) == 1;
    }

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
