/* datetime: calendar dates, instants, and the landlord's local time (Europe/London).
 *
 * A date is a count of days since 1970-01-01 in the proleptic Gregorian calendar; an
 * instant is seconds since the Unix epoch, UTC. Local time follows the UK rule in force
 * since 1996: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October. */
#ifndef REDRESS_DATETIME_H
#define REDRESS_DATETIME_H

#include <stdbool.h>
#include <stdint.h>

#include "redress/error.h"

typedef int32_t RdDate;
typedef int64_t RdInstant;

#define RD_NO_DATE INT32_MIN
#define RD_NO_INSTANT INT64_MIN
#define RD_DATE_BUFSIZE 11     /* YYYY-MM-DD */
#define RD_INSTANT_BUFSIZE 21  /* YYYY-MM-DDTHH:MM:SSZ */

typedef enum Weekday {
   WEEKDAY_MONDAY = 1, WEEKDAY_TUESDAY, WEEKDAY_WEDNESDAY, WEEKDAY_THURSDAY,
   WEEKDAY_FRIDAY, WEEKDAY_SATURDAY, WEEKDAY_SUNDAY
} Weekday;

bool datetime_valid_ymd(int year, int month, int day);
RdDate datetime_from_ymd(int year, int month, int day);
void datetime_to_ymd(RdDate date, int *year, int *month, int *day);
Weekday datetime_weekday(RdDate date);
int datetime_days_in_month(int year, int month);
RdDate datetime_add_months(RdDate date, int months);   /* clamps to the month's end */
RdDate datetime_last_weekday_of_month(int year, int month, Weekday wd);
RdDate datetime_first_weekday_of_month(int year, int month, Weekday wd);
RdDate datetime_easter_sunday(int year);

/* Strict YYYY-MM-DD; anything else is RD_EINPUT with a message naming the text. */
RdStatus datetime_parse_date(const char *text, RdDate *out, RdError *err);
void datetime_format_date(RdDate date, char buf[RD_DATE_BUFSIZE]);

/* YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM|-HH:MM]; without a zone it is UK local time;
 * a bare date is local midnight. */
RdStatus datetime_parse_instant(const char *text, RdInstant *out, RdError *err);
void datetime_format_instant(RdInstant t, char buf[RD_INSTANT_BUFSIZE]);

/* Local (UK) wall-clock view of an instant. */
int datetime_uk_offset_seconds(RdInstant t);   /* 0 in winter, 3600 in summer */
RdDate datetime_local_date(RdInstant t);
int datetime_local_minute_of_day(RdInstant t);
RdInstant datetime_local_to_instant(RdDate date, int seconds_of_day);
/* "2025-12-19 10:00" in local time, for people to read. */
void datetime_format_local(RdInstant t, char buf[17]);

#endif
