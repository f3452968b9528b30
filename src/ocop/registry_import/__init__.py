"""The registry import from Excel: producers, products and the certificates they already hold, checked as a whole and
applied all or nothing. It sits above producers and certificates because one workbook writes both."""
