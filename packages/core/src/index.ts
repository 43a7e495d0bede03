/**
 * `@dinhdanh/core`: Decree 69/2024/ND-CP on electronic identification as code.
 *
 * This release holds legal time in Vietnam (the working days of state agencies, the Vietnamese lunar calendar, periods
 * counted by the Civil Code), the decree's citations and structure, and its time limits.
 *
 * @packageDocumentation
 */
export * from './calendar/index.js';
export * from './decree/citation.js';
export * from './decree/catalogue.js';
export * from './decree/timeLimits.js';
