"""The printed papers library: official documents in the Vietnamese administrative format (PDF and Word) and the
way numbers and dates are written in them. Every printed paper of the platform goes through it."""
