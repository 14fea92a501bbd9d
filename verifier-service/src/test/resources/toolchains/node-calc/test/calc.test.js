'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { add, mul } = require('../calc');

test('adds two numbers', () => {
  assert.strictEqual(add(2, 3), 5);
});

test('multiplies two numbers', () => {
  assert.strictEqual(mul(2, 3), 6);
});

test('adds zero', () => {
  assert.strictEqual(add(0, 0), 0);
});
