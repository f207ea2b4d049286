#!/usr/bin/env node
import '../dist/backend/cli.js';
