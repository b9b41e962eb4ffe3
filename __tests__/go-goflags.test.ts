import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goflagsCheck, goflagsErrorFor, lookupGoCommand, parseGoflags } from '../src/go/goflags.js';

test('parseGoflags returns names and values', () => {
  assert.deepEqual(parseGoflags(`--mod=mod '-ldflags=-s -w' -x`), {
    ok: true,
    flags: [
      { name: 'mod', value: 'mod', raw: '--mod=mod' },
      { name: 'ldflags', value: '-s -w', raw: '-ldflags=-s -w' },
      { name: 'x', value: null, raw: '-x' },
    ],
  });
  assert.deepEqual(parseGoflags(`'-x`), { ok: false, error: "go: parsing $GOFLAGS: unterminated ' string" });
});

test('non-bool flags need a value, bool flags reject other values, -C is never accepted', () => {
  assert.equal(goflagsErrorFor('-mod', 'go build'), 'go: flag needs an argument: -mod (from $GOFLAGS)');
  assert.equal(goflagsErrorFor('-p=x', 'go build ./...'), 'go: invalid value "x" for flag -p (from $GOFLAGS): parse error');
  assert.equal(goflagsErrorFor('-race=1', 'go build'), null);
  assert.equal(goflagsErrorFor('-buildvcs=auto', 'go build'), null);
  assert.equal(goflagsErrorFor('-C=/tmp', 'go mod download'), 'go: invalid value "/tmp" for flag -C (from $GOFLAGS): -C flag must be first flag on command line');
  assert.deepEqual(goflagsCheck('-trimpath=yes', 'go test ./...'), {
    exitCode: 2,
    error: 'go: invalid boolean value "yes" for flag -trimpath (from $GOFLAGS): parse error',
    usage: "usage: go test [build/test flags] [packages] [build/test flags & test binary flags]\nRun 'go help test' for details.",
  });
});

test('flags of other commands are ignored; go get has its own checks', () => {
  assert.equal(goflagsErrorFor('-json=maybe', 'go build'), null);
  assert.equal(goflagsErrorFor('-u=minor', 'go get example.com/m@latest'), 'go: unknown upgrade flag -u=minor');
  assert.equal(goflagsErrorFor('-insecure=false', 'go get x'), null);
});

test('lookupGoCommand picks two-word subcommands first', () => {
  assert.equal(lookupGoCommand('go mod download -x')?.name, 'mod download');
  assert.equal(lookupGoCommand('go build ./...')?.name, 'build');
  assert.equal(lookupGoCommand('go frobnicate'), null);
});
