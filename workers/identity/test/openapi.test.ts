import { openApiPaths } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';

describe('openapi()', () => {
  it('documents every identity route from the validating schemas', () => {
    const paths = openApiPaths(createApp());
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/.well-known/jwks.json',
        '/v1/auth/register',
        '/v1/auth/login',
        '/v1/auth/refresh',
        '/v1/auth/logout',
        '/v1/auth/otp/request',
        '/v1/auth/otp/verify',
        '/v1/me',
        '/v1/me/addresses',
        '/v1/me/addresses/{id}',
        '/v1/vendors',
        '/v1/vendors/me',
        '/v1/vendors/me/staff',
        '/v1/vendors/me/staff/{userId}',
        '/v1/admin/vendors',
        '/v1/admin/vendors/{id}/approve',
        '/v1/admin/vendors/{id}/suspend',
        '/v1/admin/vendors/{id}/close',
      ]),
    );
    expect(paths['/v1/auth/register'].post.requestBody).toBeDefined();
    expect(paths['/v1/me'].get.security).toEqual([{ bearer: [] }]);
  });
});
