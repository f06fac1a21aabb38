"""Program reports: census, admissions, discharges, length of stay, attendance, outcomes,
follow-ups, billing, the TEDS extract and caseloads, each computed once with SQL aggregates and
shown on screen, or exported as a PDF or CSV.

Each report module gets its two use cases from ``running.report_use_cases``:
``view_<report>`` (the Reports area) and ``export_<report>`` (the report's audited document use
case, returning the PDF or CSV as a Printout).

Use cases by module:

- ``access``: Who sees which report (front desk: census and billing; clinicians: clinical
  reports and their own caseload; supervisors and administrators: everything).
- ``admissions``: Admissions per month, by referral source.
  use cases: view_admissions, export_admissions
- ``attendance``: Weekly attendance against the IOP minimum per client-week, and no-shows per
  group.
  use cases: view_attendance, export_attendance
- ``billing``: The billing worksheet: IOP days (one H0015 unit each), individual and family
  sessions with the clinic's codes, and each client's payer.
  use cases: view_billing, export_billing
- ``billing_codes``: The clinic's billing code table (H0015 the IOP day's default).
  use cases: billing_codes, change_billing_codes
- ``caseload``: Caseloads as of the period's last day.
  use cases: view_caseload, export_caseload
- ``census``: The daily census.
  use cases: view_census, export_census
- ``discharges``: Discharges by TEDS discharge type with the completion rate, and the length of
  stay.
  use cases: view_discharges, export_discharges, view_length_of_stay, export_length_of_stay
- ``follow_ups``: The 30/60/90-day follow-up check-ins due in the period.
  use cases: view_follow_ups, export_follow_ups
- ``outcomes``: Screening outcomes of the clients discharged in the period.
  use cases: view_outcomes, export_outcomes
- ``period``: The period (and program) a report covers, checked.
- ``registry``: Every report by name, for the Reports area and ``iopdesk report``.
- ``running``: The view and export use cases every report gets, the file name, the audit.
- ``sql``: Date arithmetic for report queries on SQLite and PostgreSQL.
- ``teds``: The SAMHSA TEDS extract (admission and discharge records).
  use cases: view_teds, export_teds
"""
