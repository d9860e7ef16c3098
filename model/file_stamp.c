#include "model/file_stamp.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool file_sha256(const char *path, char out[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	EVP_MD_CTX *context = EVP_MD_CTX_new();
	bool ok = context && EVP_DigestInit_ex(context, EVP_sha256(), NULL) == 1;
	unsigned char buffer[1 << 15];
	while (ok) {
		ssize_t got = read(fd, buffer, sizeof buffer);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			ok = false;
			break;
		}
		if (got == 0)
			break;
		ok = EVP_DigestUpdate(context, buffer, (size_t)got) == 1;
	}
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned length = 0;
	if (ok)
		ok = EVP_DigestFinal_ex(context, digest, &length) == 1 && length == 32;
	EVP_MD_CTX_free(context);
	int saved_errno = errno;
	close(fd);
	errno = saved_errno;
	if (!ok)
		return false;
	static const char hex[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
	return true;
}

static void stamp_from_stat(FileStamp *stamp, const struct stat *st)
{
	stamp->exists = true;
	stamp->device = (uint64_t)st->st_dev;
	stamp->inode = (uint64_t)st->st_ino;
	stamp->size = (uint64_t)st->st_size;
	stamp->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

bool file_stamp_take_stat(const char *path, FileStamp *stamp, Diagnostics *diag)
{
	memset(stamp, 0, sizeof *stamp);
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return true;
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "not a regular file");
		return false;
	}
	stamp_from_stat(stamp, &st);
	return true;
}

bool file_stamp_take(const char *path, FileStamp *stamp, Diagnostics *diag)
{
	if (!file_stamp_take_stat(path, stamp, diag))
		return false;
	if (stamp->exists && !file_sha256(path, stamp->sha256)) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return false;
	}
	return true;
}

static bool same_stat(const FileStamp *a, const FileStamp *b)
{
	return a->device == b->device && a->inode == b->inode && a->size == b->size &&
	       a->mtime_ns == b->mtime_ns;
}

void file_stamp_hash_if_unchanged(FileStamp *stamp, const char *path)
{
	if (!stamp->exists || stamp->sha256[0])
		return;
	FileStamp now;
	if (!file_stamp_take_stat(path, &now, NULL) || !now.exists || !same_stat(stamp, &now))
		return;
	if (!file_sha256(path, stamp->sha256))
		stamp->sha256[0] = '\0';
}

bool file_stamp_same(const FileStamp *a, const FileStamp *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return true;
	if (same_stat(a, b))
		return true;
	return a->size == b->size && a->sha256[0] && strcmp(a->sha256, b->sha256) == 0;
}

FileChange file_stamp_check(const FileStamp *stamp, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return stamp->exists ? FILE_REMOVED : FILE_UNCHANGED;
		return FILE_CHANGED;
	}
	if (!stamp->exists)
		return FILE_CREATED;
	FileStamp now = { 0 };
	stamp_from_stat(&now, &st);
	/* The cheap answer first: a save of the same file by us keeps stat equal to the stamp
	 * only if nobody else wrote in between. */
	if (same_stat(stamp, &now))
		return FILE_UNCHANGED;
	if (!stamp->sha256[0] || now.size != stamp->size || !S_ISREG(st.st_mode) || !file_sha256(path, now.sha256))
		return FILE_CHANGED;
	return strcmp(now.sha256, stamp->sha256) == 0 ? FILE_UNCHANGED : FILE_CHANGED;
}

const char *file_change_describe(FileChange change)
{
	switch (change) {
	case FILE_UNCHANGED:
		return "unchanged on disk";
	case FILE_CHANGED:
		return "changed on disk since it was opened";
	case FILE_REMOVED:
		return "removed from disk since it was opened";
	case FILE_CREATED:
		return "created on disk by someone else since it was opened";
	}
	return "changed on disk";
}
