"""Every SELECT about turnover figures, one concern a module.

filters     what a listing asks for (TurnoverFilter, View) and its WHERE
sources     which rows: current or as_of versions, resolved, reported and derived
statements  statements compiled once per shape, sent as text with their parameters
listing     the listing statement: JSON pages, CSV exports, the series
export      a page streamed for a CSV export
priors      the same period a year earlier (compare)
detail      one figure, the same period from other sources, its history
series      a pair's points and targets
"""
