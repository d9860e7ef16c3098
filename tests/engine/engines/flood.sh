#!/bin/sh
# An engine that writes without end: extract must stop it at the output limit.
exec yes 'annotations: []'
