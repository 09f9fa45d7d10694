/* datetime: date arithmetic, parsing and the UK's local time. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "redress/datetime.h"

/* Days from 1970-01-01 to year/month/day, counting years from March so that the leap
 * day falls at the end of each counted year. */
RdDate datetime_from_ymd(int year, int month, int day) {
   int y = month <= 2 ? year - 1 : year;
   int era = (y >= 0 ? y : y - 399) / 400;
   int year_of_era = y - era * 400;
   int shifted_month = month > 2 ? month - 3 : month + 9;
   int day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
   int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
   return (RdDate)(era * 146097 + day_of_era - 719468);
}

void datetime_to_ymd(RdDate date, int *year, int *month, int *day) {
   int z = date + 719468;
   int era = (z >= 0 ? z : z - 146096) / 146097;
   int day_of_era = z - era * 146097;
   int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
   int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
   int shifted_month = (5 * day_of_year + 2) / 153;
   int d = day_of_year - (153 * shifted_month + 2) / 5 + 1;
   int m = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
   int y = year_of_era + era * 400 + (m <= 2 ? 1 : 0);
   if (year)
      *year = y;
   if (month)
      *month = m;
   if (day)
      *day = d;
}

static bool datetime_is_leap(int year) {
   return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int datetime_days_in_month(int year, int month) {
   static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
   if (month == 2 && datetime_is_leap(year))
      return 29;
   return days[month - 1];
}

bool datetime_valid_ymd(int year, int month, int day) {
   return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 &&
          day >= 1 && day <= datetime_days_in_month(year, month);
}

Weekday datetime_weekday(RdDate date) {
   /* 1970-01-01 was a Thursday. */
   int w = (date + 3) % 7;
   if (w < 0)
      w += 7;
   return (Weekday)(w + 1);
}

RdDate datetime_add_months(RdDate date, int months) {
   int y, m, d;
   datetime_to_ymd(date, &y, &m, &d);
   int total = y * 12 + (m - 1) + months;
   y = total / 12;
   m = total % 12 + 1;
   int last = datetime_days_in_month(y, m);
   return datetime_from_ymd(y, m, d > last ? last : d);
}

RdDate datetime_last_weekday_of_month(int year, int month, Weekday wd) {
   RdDate last = datetime_from_ymd(year, month, datetime_days_in_month(year, month));
   int back = ((int)datetime_weekday(last) - (int)wd + 7) % 7;
   return last - back;
}

RdDate datetime_first_weekday_of_month(int year, int month, Weekday wd) {
   RdDate first = datetime_from_ymd(year, month, 1);
   int forward = ((int)wd - (int)datetime_weekday(first) + 7) % 7;
   return first + forward;
}

/* The Gregorian computus (Meeus/Jones/Butcher). */
RdDate datetime_easter_sunday(int year) {
   int a = year % 19, b = year / 100, c = year % 100;
   int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
   int h = (19 * a + b - d - g + 15) % 30;
   int i = c / 4, k = c % 4;
   int l = (32 + 2 * e + 2 * i - h - k) % 7;
   int m = (a + 11 * h + 22 * l) / 451;
   int month = (h + l - 7 * m + 114) / 31;
   int day = (h + l - 7 * m + 114) % 31 + 1;
   return datetime_from_ymd(year, month, day);
}

/* Reads exactly n digits; returns -1 when they are not there. */
static int datetime_digits(const char *s, int n) {
   int v = 0;
   for (int i = 0; i < n; i++) {
      if (!isdigit((unsigned char)s[i]))
         return -1;
      v = v * 10 + (s[i] - '0');
   }
   return v;
}

static bool datetime_scan_date(const char *s, RdDate *out) {
   int y = datetime_digits(s, 4);
   if (y < 0 || s[4] != '-')
      return false;
   int m = datetime_digits(s + 5, 2);
   if (m < 0 || s[7] != '-')
      return false;
   int d = datetime_digits(s + 8, 2);
   if (d < 0 || !datetime_valid_ymd(y, m, d))
      return false;
   *out = datetime_from_ymd(y, m, d);
   return true;
}

RdStatus datetime_parse_date(const char *text, RdDate *out, RdError *err) {
   if (!text || strlen(text) != 10 || !datetime_scan_date(text, out))
      return error_set(err, RD_EINPUT, "'%s' is not a date: write it as YYYY-MM-DD, e.g. 2025-12-19",
                       text ? text : "");
   return RD_OK;
}

/* n digits of v, zero-padded, without a terminator. Dates and instants are formatted by
 * the million when a demo is built or a database exported, where snprintf's reading of its
 * format was a tenth of the time. */
static void datetime_put_digits(char *p, unsigned v, int n) {
   for (int i = n - 1; i >= 0; i--) {
      p[i] = (char)('0' + v % 10u);
      v /= 10u;
   }
}

void datetime_format_date(RdDate date, char buf[RD_DATE_BUFSIZE]) {
   int y, m, d;
   if (date == RD_NO_DATE) {
      buf[0] = '\0';
      return;
   }
   datetime_to_ymd(date, &y, &m, &d);
   datetime_put_digits(buf, (unsigned)y % 10000u, 4);
   buf[4] = '-';
   datetime_put_digits(buf + 5, (unsigned)m % 100u, 2);
   buf[7] = '-';
   datetime_put_digits(buf + 8, (unsigned)d % 100u, 2);
   buf[10] = '\0';
}

/* Summer time starts and ends at 01:00 UTC on the last Sunday of March and October. */
int datetime_uk_offset_seconds(RdInstant t) {
   RdDate utc_day = (RdDate)((t >= 0 ? t : t - 86399) / 86400);
   int year;
   datetime_to_ymd(utc_day, &year, NULL, NULL);
   RdInstant start = (RdInstant)datetime_last_weekday_of_month(year, 3, WEEKDAY_SUNDAY) * 86400 + 3600;
   RdInstant end = (RdInstant)datetime_last_weekday_of_month(year, 10, WEEKDAY_SUNDAY) * 86400 + 3600;
   return (t >= start && t < end) ? 3600 : 0;
}

static RdInstant datetime_floor_div(RdInstant a, RdInstant b) {
   RdInstant q = a / b;
   return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

RdDate datetime_local_date(RdInstant t) {
   return (RdDate)datetime_floor_div(t + datetime_uk_offset_seconds(t), 86400);
}

int datetime_local_minute_of_day(RdInstant t) {
   RdInstant local = t + datetime_uk_offset_seconds(t);
   return (int)((local - datetime_floor_div(local, 86400) * 86400) / 60);
}

/* A local wall-clock time that does not exist (the spring gap) is read as winter time;
 * one that occurs twice (the autumn hour) is read as the first, summer, occurrence. */
RdInstant datetime_local_to_instant(RdDate date, int seconds_of_day) {
   RdInstant wall = (RdInstant)date * 86400 + seconds_of_day;
   RdInstant as_summer = wall - 3600;
   if (datetime_uk_offset_seconds(as_summer) == 3600)
      return as_summer;
   return wall;
}

static bool datetime_scan_zone(const char *s, int *offset_seconds) {
   if (*s == 'Z' || *s == 'z') {
      *offset_seconds = 0;
      return s[1] == '\0';
   }
   if (*s != '+' && *s != '-')
      return false;
   int hh = datetime_digits(s + 1, 2);
   if (hh < 0 || hh > 14)
      return false;
   const char *rest = s + 3;
   if (*rest == ':')
      rest++;
   int mm = datetime_digits(rest, 2);
   if (mm < 0 || mm > 59 || rest[2] != '\0')
      return false;
   *offset_seconds = (hh * 3600 + mm * 60) * (*s == '-' ? -1 : 1);
   return true;
}

/* An instant is kept only when its UTC date can itself be written and read back. */
static RdStatus datetime_in_range(RdInstant t, const char *text, RdInstant *out, RdError *err) {
   int year;
   datetime_to_ymd((RdDate)datetime_floor_div(t, 86400), &year, NULL, NULL);
   if (year < 1900 || year > 2999)
      return error_set(err, RD_EINPUT, "'%s' is outside the years redress records (1900 to 2999)", text);
   *out = t;
   return RD_OK;
}

RdStatus datetime_parse_instant(const char *text, RdInstant *out, RdError *err) {
   RdDate date;
   if (!text || strlen(text) < 10 || !datetime_scan_date(text, &date))
      goto bad;
   const char *s = text + 10;
   if (*s == '\0')
      return datetime_in_range(datetime_local_to_instant(date, 0), text, out, err);
   if (*s != 'T' && *s != ' ')
      goto bad;
   int hh = datetime_digits(s + 1, 2);
   if (hh < 0 || hh > 23 || s[3] != ':')
      goto bad;
   int mi = datetime_digits(s + 4, 2);
   if (mi < 0 || mi > 59)
      goto bad;
   int ss = 0;
   s += 6;
   if (*s == ':') {
      ss = datetime_digits(s + 1, 2);
      if (ss < 0 || ss > 59)
         goto bad;
      s += 3;
   }
   int seconds = hh * 3600 + mi * 60 + ss;
   if (*s == '\0')
      return datetime_in_range(datetime_local_to_instant(date, seconds), text, out, err);
   int offset;
   if (!datetime_scan_zone(s, &offset))
      goto bad;
   return datetime_in_range((RdInstant)date * 86400 + seconds - offset, text, out, err);
bad:
   return error_set(err, RD_EINPUT,
                    "'%s' is not a date and time: write it as YYYY-MM-DDTHH:MM (UK local time), "
                    "e.g. 2025-12-19T10:00, or add Z for UTC", text ? text : "");
}

void datetime_format_instant(RdInstant t, char buf[RD_INSTANT_BUFSIZE]) {
   if (t == RD_NO_INSTANT) {
      buf[0] = '\0';
      return;
   }
   RdDate day = (RdDate)datetime_floor_div(t, 86400);
   int secs = (int)(t - (RdInstant)day * 86400);
   datetime_format_date(day, buf);
   buf[10] = 'T';
   datetime_put_digits(buf + 11, (unsigned)(secs / 3600) % 24u, 2);
   buf[13] = ':';
   datetime_put_digits(buf + 14, (unsigned)(secs / 60) % 60u, 2);
   buf[16] = ':';
   datetime_put_digits(buf + 17, (unsigned)secs % 60u, 2);
   buf[19] = 'Z';
   buf[20] = '\0';
}

void datetime_format_local(RdInstant t, char buf[17]) {
   if (t == RD_NO_INSTANT) {
      buf[0] = '\0';
      return;
   }
   char date[RD_DATE_BUFSIZE];
   datetime_format_date(datetime_local_date(t), date);
   int minute = datetime_local_minute_of_day(t);
   snprintf(buf, 17, "%.10s %02u:%02u", date, (unsigned)(minute / 60) % 24u, (unsigned)minute % 60u);
}
