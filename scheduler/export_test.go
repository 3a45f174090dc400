package scheduler

// MaxDaysOff exports maxDaysOff to the tests.
const MaxDaysOff = maxDaysOff
