#!/bin/sh
# The bucket and the services' S3 user: MinIO's root account (MINIO_ROOT_*) stays with the administrator, the
# services get S3_ACCESS_KEY / S3_SECRET_KEY, whose policy allows the objects of bucket lfp-uploads only (no other
# bucket, no administration). Run by the one-shot service minio-init on every `docker compose up`: idempotent.
set -eu
: "${MINIO_ROOT_USER:?set it in .env}" "${MINIO_ROOT_PASSWORD:?set it in .env}"
: "${S3_ACCESS_KEY:?set it in .env}" "${S3_SECRET_KEY:?set it in .env}"
BUCKET=lfp-uploads

mc alias set lfp http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" > /dev/null
mc mb --ignore-existing "lfp/$BUCKET"
cat > /tmp/lfp-uploads-only.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
     "Resource": ["arn:aws:s3:::$BUCKET"]},
    {"Effect": "Allow",
     "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"],
     "Resource": ["arn:aws:s3:::$BUCKET/*"]}
  ]
}
JSON
mc admin policy create lfp lfp-uploads-only /tmp/lfp-uploads-only.json
# add again sets the secret key from .env (the env file is the truth)
mc admin user add lfp "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
if ! mc admin user info lfp "$S3_ACCESS_KEY" | grep -q 'lfp-uploads-only'; then
  mc admin policy attach lfp lfp-uploads-only --user "$S3_ACCESS_KEY"
fi
echo "minio-init: bucket $BUCKET, user $S3_ACCESS_KEY limited to it"
