-- An expired job keeps the survey of the providers matching knew when its auction closed (JobExpired.providerSurvey):
-- how many could have bid, and how many failed each eligibility rule ("RULE=count,..." sorted by rule, as
-- status_reason counts the bids). Null for jobs that did not expire, or expired before surveys existed.
alter table job add column expiry_providers_could_bid integer;
alter table job add column expiry_provider_reasons varchar(2000);
